package org.bluelamp.ingest;

import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.bluelamp.contract.ReaderSpec;

/**
 * XML streamed with StAX: every {@code record} element is a record, wherever it is nested. Its
 * attributes are columns {@code @name}; its child elements' text are columns by name, and deeper
 * elements by path ({@code Location/Easting}). A repeated element keeps its first value. The offset
 * is the line where the record element starts.
 */
final class XmlFileReader implements FileReader {
  private final String encoding;
  private final String record;

  XmlFileReader(ReaderSpec spec) {
    this.encoding = spec.encoding().name();
    this.record = spec.option("record", "");
  }

  @Override
  public List<String> header(InputStream in) {
    return List.of();
  }

  @Override
  public Iterator<RawRecord> read(InputStream in) throws java.io.IOException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    // No DTDs or external entities: landing files are data, not instructions.
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    XMLStreamReader xml;
    try {
      xml = factory.createXMLStreamReader(in, encoding);
    } catch (XMLStreamException e) {
      throw new java.io.IOException("not readable as XML: " + e.getMessage(), e);
    }
    return new Iterator<>() {
      private RawRecord next = advance();

      private RawRecord advance() {
        try {
          while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT
                && xml.getLocalName().equals(record)) {
              return readRecord(xml);
            }
          }
          return null;
        } catch (XMLStreamException e) {
          long line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
          return new RawRecord(line, Map.of(), null, "malformed XML: " + e.getMessage());
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public RawRecord next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        RawRecord current = next;
        next = current.error() == null ? advance() : null;
        return current;
      }
    };
  }

  private RawRecord readRecord(XMLStreamReader xml) throws XMLStreamException {
    long line = xml.getLocation().getLineNumber();
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < xml.getAttributeCount(); i++) {
      fields.put("@" + xml.getAttributeLocalName(i), xml.getAttributeValue(i));
    }
    StringBuilder path = new StringBuilder();
    StringBuilder text = new StringBuilder();
    int depth = 0;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        path.append(depth++ == 0 ? "" : "/").append(xml.getLocalName());
        text.setLength(0);
        for (int i = 0; i < xml.getAttributeCount(); i++) {
          fields.putIfAbsent(path + "/@" + xml.getAttributeLocalName(i), xml.getAttributeValue(i));
        }
      } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
        text.append(xml.getText());
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        if (depth == 0) {
          break;
        }
        if (!text.toString().isBlank()) {
          fields.putIfAbsent(path.toString(), text.toString().strip());
        }
        text.setLength(0);
        depth--;
        int slash = path.lastIndexOf("/");
        path.setLength(Math.max(slash, 0));
      }
    }
    return new RawRecord(line, fields, fields.toString(), null);
  }
}
