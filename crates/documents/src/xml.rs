//! A thin layer over quick-xml's writer: elements with attributes and
//! escaped text, indented, written into memory.

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

/// Builds an XML document in memory. Writing into a `Vec` cannot fail, so
/// the methods return nothing; the (impossible) I/O error is kept and
/// reported by `finish`.
pub(crate) struct XmlOut {
    writer: Writer<Vec<u8>>,
    failed: bool,
}

impl XmlOut {
    /// Starts a document with its XML declaration.
    pub(crate) fn new() -> Self {
        let mut out = Self {
            writer: Writer::new_with_indent(Vec::new(), b' ', 2),
            failed: false,
        };
        out.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        out
    }

    fn event(&mut self, event: Event<'_>) {
        if self.writer.write_event(event).is_err() {
            self.failed = true;
        }
    }

    /// Opens an element.
    pub(crate) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        for (k, v) in attrs {
            start.push_attribute((*k, *v));
        }
        self.event(Event::Start(start));
    }

    /// Closes an element.
    pub(crate) fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// An element holding only text.
    pub(crate) fn leaf_with(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.event(Event::Text(BytesText::new(text)));
        self.close(name);
    }

    /// An element holding only text, without attributes.
    pub(crate) fn leaf(&mut self, name: &str, text: &str) {
        self.leaf_with(name, &[], text);
    }

    /// The element if there is a value; nothing otherwise (Peppol forbids
    /// empty elements, PEPPOL-EN16931-R008).
    pub(crate) fn leaf_opt(&mut self, name: &str, text: Option<&str>) {
        if let Some(t) = text.filter(|t| !t.trim().is_empty()) {
            self.leaf(name, t);
        }
    }

    /// The finished document as a string.
    pub(crate) fn finish(self) -> Result<String, crate::DocumentError> {
        if self.failed {
            return Err(crate::DocumentError::field(
                "document",
                "the XML writer failed",
            ));
        }
        String::from_utf8(self.writer.into_inner())
            .map_err(|_| crate::DocumentError::field("document", "the XML is not UTF-8"))
    }
}
