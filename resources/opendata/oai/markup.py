"""Write OAI-PMH XML: elements whose text and attributes are always legal XML 1.0.

Elements are created with their prefixed names (``dc:title``) and their namespace
declarations written as attributes where the protocol's examples put them, so the output
reads exactly like the specification's; ElementTree escapes every value.
"""

import re
import xml.etree.ElementTree as ET

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"

# Characters XML 1.0 forbids anywhere in a document (its "Char" production, inverted).
ILLEGAL_XML_CHARACTERS = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(value: object) -> str:
    """Drop the characters XML cannot carry, such as NUL or form feeds pasted from a PDF."""
    return ILLEGAL_XML_CHARACTERS.sub("", str(value))


def element(tag: str, attributes: dict[str, object] | None = None) -> ET.Element:
    """Create a root element with clean attribute values."""
    return ET.Element(tag, {name: clean(value) for name, value in (attributes or {}).items()})


def sub(
    parent: ET.Element, tag: str, text: object = None, attributes: dict[str, object] | None = None
) -> ET.Element:
    """Append a child element with clean text and attributes, and return it."""
    child = ET.SubElement(
        parent, tag, {name: clean(value) for name, value in (attributes or {}).items()}
    )
    if text is not None:
        child.text = clean(text)
    return child


def serialize(root: ET.Element) -> bytes:
    """Return the document as UTF-8 bytes with an XML declaration."""
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")
