import Hummingbird

extension Request {
    /// One cookie's value, read straight from the `Cookie` header. Three middlewares need one cookie each on
    /// every request; `request.cookies` parses every cookie with its attributes each time it is asked.
    func cookieValue(_ name: String) -> String? {
        for header in headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.drop { $0 == " " }
                guard pair.hasPrefix(name), pair.dropFirst(name.count).first == "=" else { continue }
                return String(pair.dropFirst(name.count + 1))
            }
        }
        return nil
    }
}
