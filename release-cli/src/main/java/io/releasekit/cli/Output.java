package io.releasekit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasekit.client.invoker.ApiClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** What a command prints: JSON for machines ({@code --json}) or an aligned table for people. */
final class Output {

    /**
     * The mapper for {@code --json}, made on first use: building it loads some 450 Jackson classes, which a command
     * printing text (above all {@code verify}, timed against {@code openssl dgst}) must not pay for.
     */
    static ObjectMapper json() {
        return Json.MAPPER;
    }

    /** Holds the mapper so that it is built when {@link #json()} is first called, not with this class. */
    private static final class Json {
        static final ObjectMapper MAPPER = ApiClient.createDefaultObjectMapper();
    }

    private final PrintWriter out;

    Output(PrintWriter out) {
        this.out = out;
    }

    /** One JSON document on one line. */
    void json(Object value) {
        try {
            out.println(json().writeValueAsString(value));
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
