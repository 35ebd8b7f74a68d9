package dev.obslab.support;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of /q/metrics in the classic text format, as series name{labels} -> value. */
public record Scrape(Map<String, Double> series, java.util.List<String> unlabelled) {

    /** The service label every series of this instance carries (the default service name). */
    public static final String SERVICE_LABEL = "service=\"observability-lab\"";

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})?) (\\S+)$");

    public static Scrape now() {
        return parse(given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** A scrape's body in the text format. */
    public static Scrape parse(String body) {
        Map<String, Double> series = new LinkedHashMap<>();
        java.util.List<String> unlabelled = new java.util.ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (m.matches()) {
                // the 0.0.4 text format ends label sets with ",}"; normalise so keys read like PromQL selectors.
                // Every series carries the instance's service label (ServiceTag, checked in MetricsTest): keys leave
                // it out, so tests name only the labels they are about.
                String key = m.group(1).replace(",}", "}").replace(SERVICE_LABEL + ",", "")
                        .replace("," + SERVICE_LABEL, "").replace("{" + SERVICE_LABEL + "}", "");
                series.put(key, Double.parseDouble(m.group(3)));
                if (!m.group(1).contains(SERVICE_LABEL)) {
                    unlabelled.add(m.group(1));
                }
            }
        }
        return new Scrape(series, unlabelled);
    }

    /** Value of one series, 0 when it does not exist (yet). */
    public double value(String seriesWithLabels) {
        return series.getOrDefault(seriesWithLabels, 0.0);
    }

    /** Sum over every series of a family whose labels contain all the given {@code key="value"} pairs. */
    public double sum(String family, String... labels) {
        return series.entrySet().stream()
                .filter(e -> e.getKey().equals(family) || e.getKey().startsWith(family + "{"))
                .filter(e -> {
                    for (String label : labels) {
                        if (!e.getKey().contains(label)) {
                            return false;
                        }
                    }
                    return true;
                })
                .mapToDouble(Map.Entry::getValue).sum();
    }

    public long count(String family) {
        return series.keySet().stream().filter(k -> k.equals(family) || k.startsWith(family + "{")).count();
    }
}
