package dev.rdmaforge.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.report.UserInputException;
import org.junit.jupiter.api.Test;

/** deb822 paragraphs as dpkg parses a binary package's control file. */
class ControlFieldsTest {

  @Test
  void parse_continuationLinesKeptAsDpkgDebPrintsThem() {
    ControlFields f = ControlFields.parse("x.deb: control",
        "Package: a\nDepends: b,\n  c\nDescription: short   \n long  \n .\n end   \n\n");

    assertThat(f.get("depends")).contains("b,\n  c");
    assertThat(f.get("DESCRIPTION")).contains("short   \n long  \n .\n end");
    assertThat(f.names()).containsExactly("Package", "Depends", "Description");
  }

  @Test
  void parse_duplicateField_namesLine() {
    assertThatThrownBy(() -> ControlFields.parse("x.deb: control", "Package: a\npackage: b\n"))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("x.deb: control:2:1: the field 'package' appears twice");
  }

  @Test
  void parse_missingColon_namesLineAndColumn() {
    assertThatThrownBy(() -> ControlFields.parse("x.deb: control", "Package: a\nVersion 1\n"))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("x.deb: control:2:10: no ':' after the field name");
  }

  @Test
  void parse_secondParagraph_refused() {
    assertThatThrownBy(() -> ControlFields.parse("c", "Package: a\n\nPackage: b\n"))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("c:3:1: a second paragraph");
  }

  @Test
  void parse_continuationFirst_refused() {
    assertThatThrownBy(() -> ControlFields.parse("c", " Package: a\n"))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("c:1:1: a continuation line before any field");
  }
}
