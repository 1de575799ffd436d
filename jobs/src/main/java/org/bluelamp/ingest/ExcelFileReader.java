package org.bluelamp.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.bluelamp.contract.ReaderSpec;

/**
 * Excel workbooks (.xlsx) through Apache POI: one sheet, a header row naming the columns, one
 * record per row, the offset being the row number Excel shows. Values are read, not their display
 * format: numbers in plain notation, date cells as ISO text ({@code yyyy-MM-dd}, or with {@code
 * HH:mm:ss} when they carry a time), formulas by their cached result, error cells as their code
 * ({@code #DIV/0!}, which then fails its column's parse).
 */
final class ExcelFileReader implements FileReader {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final String sheet;
  private final boolean header;
  private final int skipRows;

  ExcelFileReader(ReaderSpec spec) {
    this.sheet = spec.options().get("sheet");
    this.header = Boolean.parseBoolean(spec.option("header", "true"));
    this.skipRows = Integer.parseInt(spec.option("skip_rows", "0"));
  }

  private Sheet sheet(Workbook workbook) throws IOException {
    Sheet found = sheet == null ? workbook.getSheetAt(0) : workbook.getSheet(sheet);
    if (found == null) {
      List<String> names = new ArrayList<>();
      workbook.forEach(s -> names.add(s.getSheetName()));
      throw new IOException("the workbook has no sheet '" + sheet + "'; it has " + names);
    }
    return found;
  }

  private List<Row> rows(InputStream in) throws IOException {
    try (Workbook workbook = WorkbookFactory.create(in)) {
      List<Row> rows = new ArrayList<>();
      for (Row row : sheet(workbook)) {
        if (row.getRowNum() >= skipRows) {
          rows.add(row);
        }
      }
      return rows;
    }
  }

  @Override
  public List<String> header(InputStream in) throws IOException {
    if (!header) {
      return List.of();
    }
    List<Row> rows = rows(in);
    return rows.isEmpty() ? List.of() : names(rows.get(0));
  }

  private static List<String> names(Row row) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < row.getLastCellNum(); i++) {
      String name = text(row.getCell(i));
      names.add(name == null ? "" : name.strip());
    }
    return names;
  }

  @Override
  public Iterator<RawRecord> read(InputStream in) throws IOException {
    List<Row> rows = rows(in);
    List<String> names = header && !rows.isEmpty() ? names(rows.get(0)) : null;
    List<RawRecord> records = new ArrayList<>();
    for (Row row : header ? rows.subList(Math.min(1, rows.size()), rows.size()) : rows) {
      Map<String, String> fields = new HashMap<>();
      List<String> raw = new ArrayList<>();
      boolean blank = true;
      for (int i = 0; i < Math.max(row.getLastCellNum(), 0); i++) {
        String value = text(row.getCell(i));
        raw.add(value == null ? "" : value);
        blank &= value == null || value.isBlank();
        String name =
            names != null ? (i < names.size() ? names.get(i) : null) : Integer.toString(i + 1);
        if (name != null && !name.isEmpty()) {
          fields.put(name, value);
        }
      }
      if (!blank) {
        records.add(new RawRecord(row.getRowNum() + 1, fields, String.join("\t", raw), null));
      }
    }
    return records.iterator();
  }

  static String text(Cell cell) {
    if (cell == null) {
      return null;
    }
    CellType type =
        cell.getCellType() == CellType.FORMULA
            ? cell.getCachedFormulaResultType()
            : cell.getCellType();
    return switch (type) {
      case STRING -> cell.getStringCellValue();
      case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
      case NUMERIC -> {
        if (DateUtil.isCellDateFormatted(cell)) {
          LocalDateTime value = cell.getLocalDateTimeCellValue();
          yield value.toLocalTime().equals(LocalTime.MIDNIGHT)
              ? value.format(DATE)
              : value.format(DATE_TIME);
        }
        yield BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
      }
      case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
      default -> null;
    };
  }
}
