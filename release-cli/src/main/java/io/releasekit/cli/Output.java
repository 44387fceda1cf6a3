package io.releasekit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasekit.client.invoker.ApiClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** What a command prints: JSON for machines ({@code --json}) or an aligned table for people. */
final class Output {

    static final ObjectMapper JSON = ApiClient.createDefaultObjectMapper();

    private final PrintWriter out;

    Output(PrintWriter out) {
        this.out = out;
    }

    /** One JSON document on one line. */
    void json(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
        out.flush();
    }

    /** Starts a table with these column headers. */
    Table table(String... headers) {
        return new Table(headers);
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    /** An aligned text table; cells that are null print as {@code -}. */
    final class Table {
        private final String[] headers;
        private final List<String[]> rows = new ArrayList<>();

        private Table(String[] headers) {
            this.headers = headers;
        }

        Table row(Object... cells) {
            String[] r = new String[headers.length];
            for (int i = 0; i < r.length; i++) {
                Object c = i < cells.length ? cells[i] : null;
                r[i] = c == null ? "-" : String.valueOf(c).replace('\n', ' ');
            }
            rows.add(r);
            return this;
        }

        void print() {
            int[] width = new int[headers.length];
            for (int i = 0; i < headers.length; i++) {
                width[i] = headers[i].length();
                for (String[] r : rows) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
            printRow(headers, width);
            for (String[] r : rows) {
                printRow(r, width);
            }
            out.flush();
        }

        private void printRow(String[] cells, int[] width) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                b.append(cells[i]);
                if (i < cells.length - 1) {
                    b.append(" ".repeat(width[i] - cells[i].length() + 2));
                }
            }
            out.println(b.toString().stripTrailing());
        }
    }
}
