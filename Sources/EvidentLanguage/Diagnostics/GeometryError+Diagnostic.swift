import InfoGeometry

extension GeometryError {
    /// The diagnostic id of each kind of geometry error.
    package var diagnosticID: DiagnosticID {
        switch self {
        case .invalidArgument: return .geometryArgument
        case .invalidDistribution: return .invalidDistribution
        case .notPositive: return .notPositive
        case .infinite, .nonFinite: return .geometryNonFinite
        case .limitExceeded: return .geometryLimit
        case .linearAlgebra: return .linearAlgebra
        }
    }
}
