/// An area's error that knows its HTTP answer, so handlers throw it as it is and `ErrorMiddleware` maps it once.
///
/// Each area keeps its own enum (`QuizError`, `AuthoringError`) for the store and the tests to match on; the
/// status, code and message arguments live beside the cases, in one `appError` per area.
public protocol AppErrorConvertible: Error {
    /// The status, the string code (`error.<code>`) and the message arguments this error is answered with.
    var appError: AppError { get }
}

extension AppError: AppErrorConvertible {
    public var appError: AppError { self }
}
