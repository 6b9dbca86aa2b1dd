package dev.wskit.benchmarks.report;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One panel of the chart: a bar per server for one measure of one point, on its own zero-based
 * axis with gridlines, each bar labelled with its value and named underneath. A server whose
 * runs all failed gets the word "failed" where its bar would be.
 *
 * @param id        the start of each bar's {@code id}, which ends with the server
 * @param heading   the panel's heading, with the unit and which way is better
 * @param axisLabel the value axis's label, with the unit
 * @param unit      the unit in each bar's tooltip
 */
record BarPanel(String id, String heading, String axisLabel, String unit, List<Bar> bars) {
    /** A server's median, if any run succeeded, and how many of its runs failed. */
    record Bar(String server, OptionalDouble median, long failures) {
    }

    private static final double AXIS_WIDTH = 62; // tick labels and the rotated axis label
    private static final double HEADING_HEIGHT = 34; // the heading, and room for the top bar's value
    private static final double NAMES_HEIGHT = 30; // server names in two lines under the bars

    void draw(Svg svg, double x, double y, double width, double height) {
        double plotLeft = x + AXIS_WIDTH;
        double plotTop = y + HEADING_HEIGHT;
        double plotBottom = y + height - NAMES_HEIGHT;
        double plotHeight = plotBottom - plotTop;
        double plotWidth = width - AXIS_WIDTH;
        AxisScale scale = AxisScale.upTo(bars.stream().map(Bar::median).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).max().orElse(0));

        svg.text(heading, "x", Svg.number(plotLeft), "y", Svg.number(y + 14), "font-size", "12", "fill", "#222");
        for (double tick : scale.ticks()) {
            double tickY = plotBottom - scale.fraction(tick) * plotHeight;
            svg.empty("line", "x1", Svg.number(plotLeft), "y1", Svg.number(tickY), "x2", Svg.number(plotLeft + plotWidth),
                    "y2", Svg.number(tickY), "stroke", tick == 0 ? "#444" : "#e2e2e2", "stroke-width", "1");
            svg.text(scale.label(tick), "x", Svg.number(plotLeft - 4), "y", Svg.number(tickY + 3.5),
                    "font-size", "10", "fill", "#555", "text-anchor", "end");
        }
        double axisX = x + 10;
        double axisY = plotTop + plotHeight / 2;
        svg.text(axisLabel, "x", Svg.number(axisX), "y", Svg.number(axisY), "font-size", "11", "fill", "#333",
                "text-anchor", "middle", "transform", "rotate(-90 " + Svg.number(axisX) + " " + Svg.number(axisY) + ")");

        double slot = plotWidth / bars.size();
        double barWidth = slot * 0.7;
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double centre = plotLeft + slot * i + slot / 2;
            if (bar.median().isPresent()) {
                drawBar(svg, bar, scale, centre, barWidth, plotBottom, plotHeight);
            } else {
                svg.text(bar.failures() > 0 ? "failed" : "–", "x", Svg.number(centre), "y", Svg.number(plotBottom - 4),
                        "font-size", "10", "fill", "#b00020", "text-anchor", "middle");
            }
            serverName(svg, bar.server(), centre, plotBottom);
        }
    }

    private void drawBar(Svg svg, Bar bar, AxisScale scale, double centre, double barWidth, double plotBottom, double plotHeight) {
        double value = bar.median().getAsDouble();
        double barHeight = scale.fraction(value) * plotHeight;
        double top = plotBottom - barHeight;
        ServerStyle style = ServerStyle.of(bar.server());
        String failed = bar.failures() > 0 ? " (" + bar.failures() + " failed run(s) left out)" : "";
        svg.titled("rect", bar.server() + ": " + LoadTable.number(value) + " " + unit + failed,
                "id", id + "-" + bar.server(), "class", "bar " + style.kind().cssClass(),
                "x", Svg.number(centre - barWidth / 2), "y", Svg.number(top),
                "width", Svg.number(barWidth), "height", Svg.number(barHeight),
                "fill", style.fill(), "stroke", style.stroke(), "stroke-width", "1", "stroke-dasharray", style.dash());
        svg.text(LoadTable.number(value), "x", Svg.number(centre), "y", Svg.number(top - 4),
                "font-size", "10", "fill", "#222", "text-anchor", "middle");
    }

    /** The name under its bar, broken after the first dash (kept, so it still reads as the name) to fit the slot. */
    private static void serverName(Svg svg, String server, double centre, double plotBottom) {
        int dash = server.indexOf('-');
        String first = dash < 0 ? server : server.substring(0, dash + 1);
        String second = dash < 0 ? "" : server.substring(dash + 1);
        svg.text(first, "x", Svg.number(centre), "y", Svg.number(plotBottom + 13), "font-size", "10", "fill", "#333",
                "text-anchor", "middle");
        if (!second.isEmpty()) {
            svg.text(second, "x", Svg.number(centre), "y", Svg.number(plotBottom + 25), "font-size", "10", "fill", "#333",
                    "text-anchor", "middle");
        }
    }
}
