import Hummingbird

// The pages not yet moved to a typed `Page` (issue 14, in progress): rendered from a dictionary as before.
// This file goes when the last one has moved.
extension PageRenderer {
    public func page(
        _ template: String, title: String, data: [String: Any] = [:], request: Request,
        context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        var values = TemplateData.clean(data)
        values["t"] = strings.table(context.language)
        values["csrf"] = context.csrfToken
        let body = library.render(values, withTemplate: template) ?? ""
        let viewer = Viewer(request: request, context: context)
        return response(frame(body: body, title: title, viewer: viewer, noindex: status.code >= 400), status: status)
    }

    public func standalone(_ template: String, title: String, data: [String: Any], language: Language, css: String)
        -> String
    {
        var values = TemplateData.clean(data)
        values["t"] = strings.table(language)
        let body = library.render(values, withTemplate: template) ?? ""
        return """
            <!doctype html><html lang="\(language.rawValue)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>\(title)</title>
            <style>\(css)</style></head><body><main class="wrap">\(body)</main></body></html>
            """
    }
}
