import Foundation
import Testing
import Yams

/// The GitHub Action in action.yml, held to what GitHub requires of a
/// composite action and to what docs/ci.md says it does.
@Suite struct ActionFileTests {
    static func action() throws -> [String: Any] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("action.yml"), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    @Test func isACompositeActionWhoseStepsGitHubCanRun() throws {
        let action = try Self.action()
        #expect(action["name"] is String)
        #expect(action["description"] is String)
        let runs = try #require(action["runs"] as? [String: Any])
        #expect(runs["using"] as? String == "composite")
        let steps = try #require(runs["steps"] as? [[String: Any]])
        #expect(!steps.isEmpty)
        for step in steps {
            let name = step["name"] as? String ?? "?"
            // A composite step runs a command (and must name its shell) or uses an action.
            #expect((step["run"] != nil) != (step["uses"] != nil), "\(name)")
            if step["run"] != nil { #expect(step["shell"] as? String == "bash", "\(name)") }
        }
    }

    @Test func everyInputUsedIsDeclaredWithADefault() throws {
        let action = try Self.action()
        let inputs = try #require(action["inputs"] as? [String: [String: Any]])
        for (name, input) in inputs {
            #expect(input["description"] is String, "\(name)")
            #expect(input["default"] != nil, "\(name)")
        }
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("action.yml"), encoding: .utf8)
        let used = Set(text.matches(of: #/inputs\.([a-z_-]+)/#).map { String($0.output.1) })
        #expect(!used.isEmpty)
        #expect(used.isSubset(of: Set(inputs.keys)), "used but not declared: \(used.subtracting(inputs.keys))")
    }

    @Test func checksWithAnnotationsAndUploadsSARIFEvenWhenAClaimFails() throws {
        let steps = try #require((try Self.action()["runs"] as? [String: Any])?["steps"] as? [[String: Any]])
        let commands = steps.compactMap { $0["run"] as? String }
        #expect(commands.contains { $0.contains("evident check") && $0.contains("--format github") })
        let sarif = try #require(steps.first { ($0["run"] as? String)?.contains("--format sarif") == true })
        #expect((sarif["if"] as? String)?.contains("always()") == true)
        let upload = try #require(steps.first { ($0["uses"] as? String)?.hasPrefix("github/codeql-action/upload-sarif@") == true })
        #expect((upload["if"] as? String)?.contains("always()") == true)
        // What docs/ci.md tells users to write.
        let guide = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        #expect(guide.contains("scripts/package"))
        #expect(guide.contains("security-events: write"))
    }
}
