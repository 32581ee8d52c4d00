import Foundation
import Signing

/// Signs a certificate PDF as PAdES baseline B-B (ETSI EN 319 142-1) by one incremental update to cairo's file:
///
/// - a signature field whose widget stands on the signer's block, its appearance the stamp cairo drew on page 2
///   (that page's content stream becomes a form XObject, and the page leaves the page tree);
/// - a signature dictionary, `SubFilter /ETSI.CAdES.detached`, `/M` the signing time, `/Contents` the detached CMS
///   `SignedData` (`CMSSignature`) over the `/ByteRange`: the whole file but the `/Contents` hex string;
/// - the Open Badge credential (`<code>.jwt`) attached as an embedded file, so one file carries both proofs.
///
/// The update is part of the signed bytes: nothing after the signature can change without breaking it.
enum PDFSignatureWriter {
    struct Attachment {
        var name: String
        var bytes: [UInt8]
        var description: String
        var mimeSubtype: String
    }

    struct Signature {
        /// The signer's name for `/Name` (the certificate's common name).
        var name: String
        var reason: String
        var location: String
        var signedAt: Date
        /// Bytes reserved for the CMS structure (its hex takes twice as many).
        var reserve: Int
        /// Signs the SHA-256 digest of the byte range; returns the CMS DER.
        var sign: ([UInt8]) throws -> [UInt8]
    }

    static func sign(
        _ placed: CertificateLayout.Placed, attachment: Attachment, signature: Signature
    ) throws -> [UInt8] {
        let file = try PDFStructure(placed.pdf)
        let catalog = try file.dictionary(file.root)
        guard let pagesNumber = PDFStructure.reference(after: "/Pages", in: catalog) else {
            throw PDFError.structure("the catalog names no /Pages")
        }
        let kids = PDFStructure.references(after: "/Kids", in: try file.dictionary(pagesNumber))
        guard kids.count == 2 else { throw PDFError.structure("expected the page and the stamp page") }
        let page = try file.dictionary(kids[0])
        let stampPage = try file.dictionary(kids[1])
        guard let stampContents = PDFStructure.reference(after: "/Contents", in: stampPage),
            let stampResources = PDFStructure.reference(after: "/Resources", in: stampPage)
        else { throw PDFError.structure("the stamp page has no /Contents or /Resources") }
        let stampData = try file.streamData(stampContents)
        let stampFiltered = try file.dictionary(stampContents).contains("/FlateDecode")

        let widget = file.size
        let appearance = widget + 1
        let filespec = widget + 2
        let embedded = widget + 3
        let sig = widget + 4
        let rect = placed.stamp
        let box = String(format: "[ %.4f %.4f %.4f %.4f ]", rect.x0, rect.y0, rect.x1, rect.y1)

        var update: [UInt8] = []
        var offsets: [Int: Int] = [:]
        let base = file.bytes.count + (file.bytes.last == 0x0A ? 0 : 1)
        func object(_ number: Int, _ body: String, stream: [UInt8]? = nil) {
            offsets[number] = base + update.count
            update += Array("\(number) 0 obj\n\(body)\n".utf8)
            if let stream {
                update += Array("stream\n".utf8) + stream + Array("\nendstream\n".utf8)
            }
            update += Array("endobj\n".utf8)
        }
        func closing(_ dictionary: String, adding entries: String) -> String {
            String(dictionary.dropLast(2)) + entries + "\n>>"
        }
        object(
            file.root,
            closing(
                catalog,
                adding: """
                       /AcroForm << /Fields [ \(widget) 0 R ] /SigFlags 3 >>
                       /Names << /EmbeddedFiles << /Names [ (\(attachment.name)) \(filespec) 0 R ] >> >>
                       /AF [ \(filespec) 0 R ]
                       /PageMode /UseAttachments
                    """))
        object(pagesNumber, "<< /Type /Pages\n   /Kids [ \(kids[0]) 0 R ]\n   /Count 1\n>>")
        object(kids[0], closing(page, adding: "   /Annots [ \(widget) 0 R ]"))
        object(
            widget,
            """
            << /Type /Annot /Subtype /Widget /FT /Sig /F 132
               /T \(PDFText.text("Chữ ký số"))
               /TU \(PDFText.text("Chữ ký số của \(signature.name)"))
               /Rect \(box)
               /P \(kids[0]) 0 R
               /V \(sig) 0 R
               /AP << /N \(appearance) 0 R >>
            >>
            """)
        object(
            appearance,
            """
            << /Type /XObject /Subtype /Form /BBox \(box)
               /Resources \(stampResources) 0 R\(stampFiltered ? "\n   /Filter /FlateDecode" : "")
               /Length \(stampData.count)
            >>
            """, stream: stampData)
        object(
            filespec,
            """
            << /Type /Filespec /F (\(attachment.name)) /UF \(PDFText.text(attachment.name))
               /Desc \(PDFText.text(attachment.description))
               /AFRelationship /Supplement
               /EF << /F \(embedded) 0 R /UF \(embedded) 0 R >>
            >>
            """)
        object(
            embedded,
            """
            << /Type /EmbeddedFile /Subtype /application#2F\(attachment.mimeSubtype)
               /Params << /Size \(attachment.bytes.count) /ModDate (\(PDFText.date(signature.signedAt))) >>
               /Length \(attachment.bytes.count)
            >>
            """, stream: attachment.bytes)
        let byteRangePlaceholder = "/ByteRange [0 0000000000 0000000000 0000000000]"
        let hexLength = signature.reserve * 2
        offsets[sig] = base + update.count
        let sigHead = """
            \(sig) 0 obj
            << /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached
               /M (\(PDFText.date(signature.signedAt)))
               /Name \(PDFText.text(signature.name))
               /Reason \(PDFText.text(signature.reason))
               /Location \(PDFText.text(signature.location))
               /Prop_Build << /App << /Name /CommuneAcademy >> >>
               \(byteRangePlaceholder)
               /Contents <
            """
        let byteRangeAt =
            base + update.count + Array(sigHead.utf8).count - Array(byteRangePlaceholder.utf8).count
            - Array("\n   /Contents <".utf8).count
        update += Array(sigHead.utf8)
        let contentsStart = base + update.count - 1  // the "<"
        update += [UInt8](repeating: UInt8(ascii: "0"), count: hexLength)
        update += Array(">\n>>\nendobj\n".utf8)
        let contentsEnd = contentsStart + 1 + hexLength + 1  // just past the ">"

        let xref = base + update.count
        var table = "xref\n"
        let numbers = offsets.keys.sorted()
        var index = 0
        while index < numbers.count {
            var end = index
            while end + 1 < numbers.count, numbers[end + 1] == numbers[end] + 1 { end += 1 }
            table += "\(numbers[index]) \(end - index + 1)\n"
            for number in numbers[index...end] { table += String(format: "%010d 00000 n \n", offsets[number] ?? 0) }
            index = end + 1
        }
        let id = Hex.encode(Digest.sha256(file.bytes).prefix(16).map { $0 })
        table += """
            trailer
            << /Size \(sig + 1)
               /Root \(file.root) 0 R\(file.info.map { "\n   /Info \($0) 0 R" } ?? "")
               /Prev \(file.xrefOffset)
               /ID [ <\(id)> <\(id)> ]
            >>
            startxref
            \(xref)
            %%EOF

            """
        update += Array(table.utf8)

        var output = file.bytes
        if output.last != 0x0A { output.append(0x0A) }
        output += update
        let ranges = [0, contentsStart, contentsEnd, output.count - contentsEnd]
        var rangeText = "/ByteRange [\(ranges.map(String.init).joined(separator: " "))"
        rangeText += String(repeating: " ", count: max(0, byteRangePlaceholder.utf8.count - rangeText.utf8.count - 1))
        rangeText += "]"
        guard rangeText.utf8.count == byteRangePlaceholder.utf8.count,
            output[byteRangeAt..<(byteRangeAt + rangeText.utf8.count)].elementsEqual(byteRangePlaceholder.utf8)
        else { throw PDFError.structure("the byte range does not fit its placeholder") }
        output.replaceSubrange(byteRangeAt..<(byteRangeAt + rangeText.utf8.count), with: Array(rangeText.utf8))
        let digest = Digest.sha256(Array(output[0..<contentsStart]) + Array(output[contentsEnd...]))
        let cms = try signature.sign(digest)
        let hex = Array(Hex.encode(cms).uppercased().utf8)
        guard hex.count <= hexLength else {
            throw PDFError.structure("the signature (\(cms.count) bytes) is larger than its reserved space")
        }
        output.replaceSubrange((contentsStart + 1)..<(contentsStart + 1 + hex.count), with: hex)
        return output
    }
}
