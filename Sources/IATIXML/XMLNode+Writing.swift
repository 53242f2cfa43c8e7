import IATI

/// What a caller adds to ``XMLNode/write(to:hooks:)``, the one serializer of `XMLNode` trees as
/// text: line breaks, namespace declarations, bookkeeping. Every hook does nothing by default.
public protocol XMLNodeWritingHooks {
    /// Before the start tag's `<`.
    mutating func willStart(_ node: XMLNode, into out: inout String)
    /// After the start tag's name, before its attributes: where namespace declarations go.
    mutating func didWriteName(of node: XMLNode, into out: inout String)
    /// Before each attribute is written.
    mutating func willWrite(_ attribute: XMLAttribute, of node: XMLNode)
    /// After the element's own text, before its children (not for an empty element).
    mutating func didWriteText(of node: XMLNode)
    /// After the end tag, or the `/>` of an empty element.
    mutating func didEnd(_ node: XMLNode)
}

extension XMLNodeWritingHooks {
    public mutating func willStart(_ node: XMLNode, into out: inout String) {}
    public mutating func didWriteName(of node: XMLNode, into out: inout String) {}
    public mutating func willWrite(_ attribute: XMLAttribute, of node: XMLNode) {}
    public mutating func didWriteText(of node: XMLNode) {}
    public mutating func didEnd(_ node: XMLNode) {}
}

/// No hooks: the tree as it is.
public struct PlainXMLNodeWriting: XMLNodeWritingHooks {
    public init() {}
}

extension XMLNode {
    /// The element written as XML, prefixes as in the source (their declarations are the
    /// document's to give).
    public func xmlString() -> String {
        var out = ""
        var hooks = PlainXMLNodeWriting()
        write(to: &out, hooks: &hooks)
        return out
    }

    /// Appends the element as XML: names as in the source, attributes in their order, text and
    /// attribute values escaped (``XMLEscaping``), `<a/>` for an element with neither text nor
    /// children; `hooks` add what the caller needs around that.
    @inlinable
    public func write<Hooks: XMLNodeWritingHooks>(to out: inout String, hooks: inout Hooks) {
        hooks.willStart(self, into: &out)
        out += "<" + qualifiedName
        hooks.didWriteName(of: self, into: &out)
        for attribute in attributes {
            hooks.willWrite(attribute, of: self)
            out += " " + attribute.qualifiedName + "=\"" + XMLEscaping.attribute(attribute.value) + "\""
        }
        if children.isEmpty && text.isEmpty {
            out += "/>"
        } else {
            out += ">" + XMLEscaping.text(text)
            hooks.didWriteText(of: self)
            for child in children { child.write(to: &out, hooks: &hooks) }
            out += "</" + qualifiedName + ">"
        }
        hooks.didEnd(self)
    }
}
