import Foundation
import NIOCore
import NIOPosix
import PostgresNIO
import SQLiteNIO

extension StoreError {
    /// What went wrong, in one line a person can read: the server's message, the system's
    /// (`connection refused`), SQLite's (`file is not a database`), never a dump of nested error values.
    public static func cause(of error: any Error) -> String {
        switch error {
        case let error as StoreError:
            return error.message
        case let error as PSQLError:
            if let message = error.serverInfo?[.message] {
                return oneLine(message)
            }
            if let underlying = error.underlying {
                return cause(of: underlying)
            }
            switch error.code {
            case .serverClosedConnection: return "the server closed the connection"
            case .clientClosedConnection: return "the connection was closed"
            case .sslUnsupported: return "the server does not support TLS"
            case .authMechanismRequiresPassword: return "the server asks for a password and the URL has none"
            case .unsupportedAuthMechanism: return "the server asks for an authentication this client does not support"
            default: return "PostgreSQL error \(error.code)"
            }
        case let error as NIOConnectionError:
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                return "cannot resolve the host \(error.host)"
            }
            // Every address of the host failed; the first says why as well as any.
            guard let first = error.connectionErrors.first else { return "no address to connect to for \(error.host)" }
            return cause(of: first.error)
        case let error as IOError:
            return String(cString: strerror(error.errnoCode)).lowercased()
        case let error as ChannelError:
            if case .connectTimeout = error { return "connection timed out" }
            return oneLine("\(error)")
        case let error as SQLiteError:
            return oneLine(error.message)
        default:
            return oneLine("\(error)")
        }
    }

    /// `text` with its line breaks and runs of spaces made single spaces.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `location` with the password of a URL replaced by `•••`: `postgres://devcoop:•••@host:5432/db`.
    public static func redacted(_ location: String) -> String {
        guard let scheme = location.range(of: "://") else { return location }
        let authorityEnd = location[scheme.upperBound...].firstIndex { "/?#".contains($0) } ?? location.endIndex
        let authority = location[scheme.upperBound..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return location }
        return String(location[..<location.index(after: colon)]) + "•••" + String(location[at...])
    }
}
