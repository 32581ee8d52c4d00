@testable import Academy

/// Stores built apart from `makeServices`, for tests that need one configured differently.
extension AppServices {
    /// An attempt store over these services' database, batcher and caches that issues no certificates: for tests of
    /// grading alone.
    var attemptsWithoutCertificates: AttemptStore {
        AttemptStore(
            database: database, batcher: batcher, snapshots: caches.quizSnapshots,
            acceptedAnswers: caches.acceptedAnswers)
    }

    /// The services' attempt store, except that the certificates it owes are never signed: the process "dies" between
    /// the commit of the grading and the signing.
    var attemptsThatNeverSign: AttemptStore {
        let certificates = self.certificates
        return AttemptStore(
            database: database, batcher: batcher, snapshots: caches.quizSnapshots,
            acceptedAnswers: caches.acceptedAnswers,
            completion: AttemptStore.Completion(record: certificates.completion.record, finish: { _ in }))
    }
}

extension AppServices {
    /// The same services with another configuration or sign-in throttle (the stores and caches stay the same).
    func replacing(config: AppConfig? = nil, throttle: SignInThrottle? = nil) -> AppServices {
        AppServices(
            config: config ?? self.config, database: database, caches: caches, batcher: batcher, catalog: catalog,
            places: places,
            pages: pages, files: files, accounts: accounts, sessions: sessions, throttle: throttle ?? self.throttle,
            enrollments: enrollments, progress: progress, attempts: attempts, keys: keys, certificates: certificates,
            pdfs: pdfs,
            notes: notes, lookups: lookups, openAPI: openAPI, audit: audit, csrf: csrf)
    }
}
