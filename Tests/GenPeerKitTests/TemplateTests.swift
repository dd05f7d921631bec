import Testing
@testable import GenPeerKit

/// The Mustache subset of ``Template``, case by case in the style of the Mustache spec, and the
/// encoder that makes contexts.
struct TemplateTests {
    private func render(_ text: String, _ context: TemplateValue = .map([:])) throws -> String {
        try Template(parsing: text, name: "test.mustache").render(context)
    }

    private func map(_ members: [String: TemplateValue]) -> TemplateValue { .map(members) }

    // MARK: Variables

    @Test func variablesInsertTextUnescaped() throws {
        let context = map(["v": .text("<a & 'b' \"c\">")])
        #expect(try render("{{v}}|{{{v}}}|{{&v}}|{{& v}}", context) == "<a & 'b' \"c\">|<a & 'b' \"c\">|<a & 'b' \"c\">|<a & 'b' \"c\">")
    }

    @Test func whitespaceInsideTags() throws {
        let context = map(["name": .text("x"), "list": .list([.text("a")])])
        #expect(try render("[{{ name }}][{{{ name }}}][{{#  list  }}{{ . }}{{/ list }}]", context) == "[x][x][a]")
    }

    @Test func flagsPrintTrueOrFalse() throws {
        #expect(try render("{{t}} {{f}}", map(["t": .bool(true), "f": .bool(false)])) == "true false")
    }

    @Test func listsMapsAndMissingNamesPrintNothing() throws {
        let context = map(["l": .list([.text("a")]), "m": map(["k": .text("v")])])
        #expect(try render("[{{l}}][{{m}}][{{missing}}][{{m.missing}}]", context) == "[][][][]")
    }

    @Test func textAroundTagsIsKeptAsIs() throws {
        #expect(try render("a { b } {c} }} {{x}}\n  \t\n", map(["x": .text("1")])) == "a { b } {c} }} 1\n  \t\n")
    }

    // MARK: Names

    @Test func dottedNames() throws {
        let context = map(["a": map(["b": map(["c": .text("deep")])])])
        #expect(try render("{{a.b.c}}|{{#a}}{{b.c}}{{/a}}|{{a.x.c}}", context) == "deep|deep|")
    }

    @Test func dottedNamesClimbOnlyWithTheirFirstPart() throws {
        // Spec "Dotted Names - Context Precedence": once `b` is found, `c` is looked for below it only.
        let context = map(["a": map(["b": map([:])]), "b": map(["c": .text("ERROR")])])
        #expect(try render("{{#a}}{{b.c}}{{/a}}", context) == "")
    }

    @Test func dotIsTheCurrentItem() throws {
        #expect(try render("{{.}}", .text("root")) == "root")
        #expect(try render("{{#l}}<{{.}}>{{/l}}", map(["l": .list([.text("a"), .text("b")])])) == "<a><b>")
    }

    @Test func namesClimbTheContextStack() throws {
        let context = map([
            "outer": .text("O"), "name": .text("root"),
            "items": .list([map(["name": .text("one")]), map(["other": .text("x")])]),
        ])
        #expect(try render("{{#items}}{{name}}/{{outer}};{{/items}}", context) == "one/O;root/O;")
    }

    @Test func innerNamesHideOuterOnes() throws {
        let context = map(["x": .text("outer"), "m": map(["x": .text("inner")])])
        #expect(try render("{{x}} {{#m}}{{x}}{{/m}} {{x}}", context) == "outer inner outer")
    }

    // MARK: Sections

    @Test func sectionOverAListRendersOncePerItem() throws {
        let context = map(["l": .list([map(["n": .text("1")]), map(["n": .text("2")]), map(["n": .text("3")])])])
        #expect(try render("{{#l}}{{n}},{{/l}}", context) == "1,2,3,")
        #expect(try render("[{{#l}}x{{/l}}]", map(["l": .list([])])) == "[]")
    }

    @Test func sectionTruthiness() throws {
        let context = map([
            "yes": .bool(true), "no": .bool(false), "text": .text("t"), "empty": .text(""), "map": map(["k": .text("v")]),
            "name": .text("root"),
        ])
        #expect(try render("[{{#yes}}{{name}}{{/yes}}]", context) == "[root]", "true renders once, context unchanged")
        #expect(try render("[{{#no}}x{{/no}}]", context) == "[]")
        #expect(try render("[{{#missing}}x{{/missing}}]", context) == "[]")
        #expect(try render("[{{#text}}x={{.}}{{/text}}]", context) == "[x=t]", "text is pushed")
        #expect(try render("[{{#empty}}x={{.}}{{/empty}}]", context) == "[x=]", "empty text counts, as in swift-mustache")
        #expect(try render("[{{#map}}{{k}}/{{name}}{{/map}}]", context) == "[v/root]", "a map is pushed")
    }

    @Test func nestedSections() throws {
        let context = map([
            "conns": .list([
                map(["name": .text("a"), "subnets": .list([.text("10.0.0.0/8"), .text("10.1.0.0/16")])]),
                map(["name": .text("b"), "subnets": .list([])]),
            ]),
            "flag": .bool(true),
        ])
        let text = "{{#conns}}{{name}}:{{#subnets}}{{#flag}}{{name}}={{.}} {{/flag}}{{/subnets}}{{^subnets}}none{{/subnets}};{{/conns}}"
        #expect(try render(text, context) == "a:a=10.0.0.0/8 a=10.1.0.0/16 ;b:none;")
    }

    @Test func sameNameNestedSections() throws {
        let context = map(["a": map(["a": .list([.text("x"), .text("y")])])])
        #expect(try render("{{#a}}{{#a}}{{.}}{{/a}}{{/a}}", context) == "xy")
    }

    // MARK: Inverted sections

    @Test func invertedSectionsRenderExactlyWhenSectionsDoNot() throws {
        let context = map([
            "yes": .bool(true), "no": .bool(false), "none": .list([]), "some": .list([.text("1")]), "text": .text("t"),
            "empty": .text(""), "map": map([:]), "name": .text("root"),
        ])
        for name in ["missing", "no", "none"] {
            #expect(try render("[{{^\(name)}}{{name}}{{/\(name)}}]", context) == "[root]", "\(name)")
        }
        for name in ["yes", "some", "text", "empty", "map"] {
            #expect(try render("[{{^\(name)}}x{{/\(name)}}]", context) == "[]", "\(name)")
        }
    }

    // MARK: Comments

    @Test func commentsRenderNothing() throws {
        #expect(try render("1{{! a comment }}2{{!\nover\nlines }}3{{!}}4") == "1234")
        #expect(try render("a {{! {{ not a tag }}b") == "a b")
    }

    // MARK: Standalone lines

    @Test func standaloneSectionLinesAreRemovedWhole() throws {
        let context = map(["l": .list([.text("a"), .text("b")]), "no": .bool(false)])
        let text = """
            begin
            {{#l}}
              item {{.}}
            {{/l}}
            {{^l}}
            empty
            {{/l}}
            {{#no}}
            hidden
            {{/no}}
            end

            """
        #expect(try render(text, context) == "begin\n  item a\n  item b\nend\n")
    }

    @Test func indentedStandaloneTagsLoseTheirIndentation() throws {
        let context = map(["b": .bool(true)])
        #expect(try render("|\n  {{#b}}\n  x\n\t{{/b}}  \n|", context) == "|\n  x\n|")
        #expect(try render("|\n  {{^b}}\n  x\n  {{/b}}\n|", context) == "|\n|")
    }

    @Test func standaloneCommentLinesAreRemovedWhole() throws {
        #expect(try render("a\n  {{! note }}\nb\n") == "a\nb\n")
        #expect(try render("a\n{{! one\n    two }}\nb\n") == "a\nb\n")
    }

    @Test func standaloneLinesWithCRLF() throws {
        #expect(try render("|\r\n{{#b}}\r\nx\r\n{{/b}}\r\n|", map(["b": .bool(true)])) == "|\r\nx\r\n|")
    }

    @Test func standaloneTagsAtTheEdgesOfTheTemplate() throws {
        let context = map(["b": .bool(true)])
        #expect(try render("{{#b}}\nx\n{{/b}}", context) == "x\n", "first line, and last line without a line break")
        #expect(try render("x\n  {{! c }}  ", context) == "x\n")
    }

    @Test func tagsSharingALineAreNotStandalone() throws {
        let context = map(["b": .bool(true), "v": .text("V")])
        #expect(try render("|\n{{#b}}{{/b}}\n|", context) == "|\n\n|", "two tags on one line")
        #expect(try render("|\n {{#b}}x{{/b}} \n|", context) == "|\n x \n|", "text beside the tags")
        #expect(try render("|\n{{v}} {{#b}}\n|{{/b}}", context) == "|\nV \n|", "a variable before the section")
        #expect(try render("|\n  {{v}}\n|", context) == "|\n  V\n|", "variables never stand alone")
        #expect(try render("|\n  {{! c }} x\n|", context) == "|\n   x\n|")
    }

    // MARK: Compile errors

    @Test func compileErrorsNameTheTemplateAndLine() throws {
        let cases: [(text: String, line: Int, says: String)] = [
            ("a\n{{#open}}\nb\n", 2, "section {{#open}} is not closed"),
            ("{{#a}}\n{{#b}}\n{{/a}}\n{{/b}}", 3, "{{/a}} does not close {{#b}} from line 2"),
            ("x\n\n{{/a}}", 3, "{{/a}} closes no open section"),
            ("a\nb {{name\n", 2, "not closed with }}"),
            ("{{name {{other}}", 1, "not closed with }}"),
            ("\n{{{name}}\n", 2, "not closed with }}}"),
            ("{{> partial}}", 1, "partials ({{> partial}}) are not supported"),
            ("a\n{{=<% %>=}}\n", 2, "set-delimiter tags ({{=<% %>=}}) are not supported"),
            ("{{}}", 1, "{{}} has an empty name"),
            ("{{#  }}{{/  }}", 1, "has an empty name"),
            ("{{& }}", 1, "has an empty name"),
            ("{{a..b}}", 1, "'a..b' is not a name"),
            ("{{a b}}", 1, "'a b' is not a name"),
            ("{{.a}}", 1, "'.a' is not a name"),
            ("{{% CONTENT_TYPE: TEXT }}", 1, "is not a name"),
        ]
        for (text, line, says) in cases {
            let error = failure { _ = try Template(parsing: text, name: "dir/t.mustache") }
            #expect(error?.kind == .template, "\(text)")
            #expect(error?.description.hasPrefix("template dir/t.mustache, line \(line): ") == true, "\(text): \(String(describing: error))")
            #expect(error?.description.contains(says) == true, "\(text): \(String(describing: error))")
        }
    }

    // MARK: Encoding contexts

    private struct Inner: Encodable {
        var word: String
        var count: Int
    }

    private enum Mode: String, Encodable {
        case fast
    }

    private struct Outer: Encodable {
        var name: String
        var optional: String?
        var absent: String?
        var flag: Bool
        var number: Int
        var small: UInt8
        var big: Int64
        var mode: Mode
        var inner: Inner
        var words: [String]
        var inners: [Inner]
    }

    @Test func encodesStructsIntoValues() throws {
        let value = try TemplateValue(encoding: Outer(
            name: "n", optional: "o", absent: nil, flag: true, number: -42, small: 7, big: 1 << 40, mode: .fast,
            inner: Inner(word: "w", count: 1), words: ["a", "b"], inners: [Inner(word: "x", count: 2)]))
        #expect(value == .map([
            "name": .text("n"), "optional": .text("o"), "flag": .bool(true), "number": .text("-42"), "small": .text("7"),
            "big": .text("1099511627776"), "mode": .text("fast"),
            "inner": .map(["word": .text("w"), "count": .text("1")]),
            "words": .list([.text("a"), .text("b")]),
            "inners": .list([.map(["word": .text("x"), "count": .text("2")])]),
        ]))
    }

    @Test func nilOptionalsAreMissing() throws {
        struct Holder: Encodable {
            var items: [String?]
            var nested: Inner?
        }
        #expect(try TemplateValue(encoding: Holder(items: ["a", nil, "b"], nested: nil)) == .map(["items": .list([.text("a"), .text("b")])]))
        let template = try Template(parsing: "{{#opt}}x={{.}}{{/opt}}{{^opt}}none{{/opt}}", name: "t")
        struct WithOptional: Encodable { var opt: String? }
        #expect(template.render(try TemplateValue(encoding: WithOptional(opt: "1"))) == "x=1")
        #expect(template.render(try TemplateValue(encoding: WithOptional(opt: nil))) == "none")
    }

    @Test func encodesHandWrittenConformances() throws {
        struct Custom: Encodable {
            enum Key: String, CodingKey { case list, pair, single }
            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                var list = container.nestedUnkeyedContainer(forKey: .list)
                try list.encode(1)
                var pair = list.nestedContainer(keyedBy: Key.self)
                try pair.encode("p", forKey: .single)
                try list.encode(true)
                try container.encode(2.5, forKey: .single)
            }
        }
        #expect(try TemplateValue(encoding: Custom()) == .map([
            "list": .list([.text("1"), .map(["single": .text("p")]), .bool(true)]),
            "single": .text("2.5"),
        ]))
    }
}
