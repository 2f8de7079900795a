/// The evaluator every command uses: the block language with the geometry built-ins.
public enum Engine {
    public static let makeEvaluator: EvaluatorFactory = { file, params, limits, progress in
        Interpreter(file: file, params: params, builtins: .evident, limits: limits, progress: progress)
    }
}
