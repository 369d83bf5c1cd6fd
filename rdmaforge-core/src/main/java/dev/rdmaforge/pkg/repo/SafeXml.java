package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.report.UserInputException;
import java.io.InputStream;
import java.nio.file.Path;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The JDK's StAX parser, made safe for metadata from anywhere: no DTDs, no external entities, and
 * a document type declaration is refused outright. repomd.xml, primary.xml and filelists.xml never
 * have one; one that does is an entity attack (XXE, "billion laughs"), not a repository.
 * Positions in messages are {@code FILE:line:column} of the (decompressed) XML.
 */
final class SafeXml {
  private static final XMLInputFactory FACTORY = factory();

  private SafeXml() {}

  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  /** A reader over {@code in}, the content of {@code file}. */
  static Reader open(Path file, InputStream in) {
    try {
      synchronized (FACTORY) {
        return new Reader(file, FACTORY.createXMLStreamReader(in));
      }
    } catch (XMLStreamException e) {
      throw problem(file, e);
    }
  }

  /** A parse error as {@code FILE:line:column: message; todo}. */
  static UserInputException problem(Path file, XMLStreamException e) {
    Throwable cause = e.getNestedException() != null ? e.getNestedException() : e.getCause();
    if (cause instanceof UserInputException) {
      return (UserInputException) cause;
    }
    String message = String.valueOf(e.getMessage());
    int at = message.indexOf("Message: ");
    if (at >= 0) {
      message = message.substring(at + "Message: ".length());
    }
    return new UserInputException(place(file, e.getLocation()) + ": not well-formed XML ("
        + message.strip() + "); the file is damaged: regenerate the repository metadata", e);
  }

  static String place(Path file, Location location) {
    return location == null ? file.toString()
        : file + ":" + location.getLineNumber() + ":" + location.getColumnNumber();
  }

  /** A StAX reader whose failures are {@link UserInputException}s naming the file. */
  static final class Reader implements AutoCloseable {
    private final Path file;
    private final XMLStreamReader xml;

    Reader(Path file, XMLStreamReader xml) {
      this.file = file;
      this.xml = xml;
    }

    /** The next event; a DTD is refused. */
    int next() {
      try {
        int event = xml.next();
        if (event == XMLStreamConstants.DTD) {
          throw new UserInputException(here() + ": a document type declaration (<!DOCTYPE"
              + " ...>); repository metadata never has one, and one with entities is an attack"
              + " on the reader (XXE): refused; regenerate the metadata with createrepo_c");
        }
        return event;
      } catch (XMLStreamException e) {
        throw problem(file, e);
      } catch (RuntimeException e) {
        if (e instanceof UserInputException) {
          throw e;
        }
        Throwable cause = e.getCause();
        if (cause instanceof UserInputException) {
          throw (UserInputException) cause;
        }
        throw new UserInputException(here() + ": cannot be parsed (" + e + "); the file is"
            + " damaged: regenerate the repository metadata", e);
      }
    }

    boolean hasNext() {
      try {
        return xml.hasNext();
      } catch (XMLStreamException e) {
        throw problem(file, e);
      }
    }

    /** The text of the current element up to its end tag. */
    String text() {
      try {
        return xml.getElementText();
      } catch (XMLStreamException e) {
        throw problem(file, e);
      }
    }

    /** The local name of the current element. */
    String name() {
      return xml.getLocalName();
    }

    /** The namespace URI of the current element, or empty. */
    String namespace() {
      String ns = xml.getNamespaceURI();
      return ns == null ? "" : ns;
    }

    /** The attribute {@code name} (no namespace), or null. */
    String attribute(String name) {
      return xml.getAttributeValue(null, name);
    }

    /** The attribute {@code name}; a missing or empty one is an error. */
    String required(String name, String element) {
      String value = attribute(name);
      if (value == null || value.isBlank()) {
        throw new UserInputException(here() + ": <" + element + "> has no " + name
            + " attribute; the metadata is damaged: regenerate it with createrepo_c");
      }
      return value;
    }

    /** {@code FILE:line:column} of the current event. */
    String here() {
      return place(file, xml.getLocation());
    }

    Path file() {
      return file;
    }

    @Override
    public void close() {
      try {
        xml.close();
      } catch (XMLStreamException e) {
        // the input stream is closed by its owner
      }
    }
  }
}
