package org.tidl.cli;

import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.tidl.api.OptimizerProvider;
import org.tidl.api.Parameter;
import org.tidl.api.TopologyProvider;
import org.tidl.core.InvalidInputException;
import org.tidl.core.io.Csv;
import org.tidl.core.plugin.ProviderEntry;

/**
 * {@code ./tidl list}: every topology and optimizer with origin, description and parameters, then the deep-learning
 * data sets, models and learning-rate schedules ({@code org.tidl.dl.spi}), built-in and from plugins.
 */
final class ListCommand implements Command {
    @Override public String name() { return "list"; }
    @Override public String summary() { return "list topologies, optimizers, data sets, models and schedules, built-in and from plugins"; }
    @Override public String usage() { return "[--format text|csv]"; }

    @Override
    public Options options() {
        return new Options().addOption(Args.opt("format", "FORMAT", "text (default) or csv"));
    }

    @Override
    public int run(CommandLine cl, Context ctx) {
        String format = cl.getOptionValue("format", "text");
        if (!format.equals("text") && !format.equals("csv")) {
            throw new InvalidInputException("--format must be text or csv, got '" + format + "'");
        }
        var topologies = ctx.topologies().catalog().entries();
        var optimizers = ctx.optimizers().catalog().entries();
        var dl = ctx.dl();
        java.util.Map<String, java.util.List<? extends ProviderEntry<?>>> more = new java.util.LinkedHashMap<>();
        more.put("dataset", dl.datasets().entries());
        more.put("model", dl.models().entries());
        more.put("schedule", dl.schedules().entries());
        if (format.equals("csv")) {
            Csv csv = new Csv("kind", "name", "origin", "description");
            for (ProviderEntry<TopologyProvider> e : topologies) {
                csv.add("topology", e.name(), e.origin(), e.description());
            }
            for (ProviderEntry<OptimizerProvider> e : optimizers) {
                csv.add("optimizer", e.name(), e.origin(), e.description());
            }
            more.forEach((kind, entries) -> entries.forEach(e -> csv.add(kind, e.name(), e.origin(), e.description())));
            ctx.out.print(csv.render());
            return 0;
        }
        // one column width for both tables, from the longest name and origin (a plugin's jar name can be long)
        int nameWidth = 0;
        int originWidth = 0;
        java.util.List<ProviderEntry<?>> all = new java.util.ArrayList<>(topologies);
        all.addAll(optimizers);
        more.values().forEach(all::addAll);
        for (ProviderEntry<?> e : all) {
            nameWidth = Math.max(nameWidth, e.name().length());
            originWidth = Math.max(originWidth, e.origin().length());
        }
        StringBuilder sb = new StringBuilder("Topologies\n");
        for (ProviderEntry<TopologyProvider> e : topologies) {
            describe(sb, e, nameWidth, originWidth);
        }
        sb.append("\nOptimizers\n");
        for (ProviderEntry<OptimizerProvider> e : optimizers) {
            describe(sb, e, nameWidth, originWidth);
        }
        java.util.Map<String, String> titles = java.util.Map.of("dataset", "Data sets (deep learning)", "model",
                "Models (deep learning)", "schedule", "Learning-rate schedules (deep learning)");
        for (var kind : more.entrySet()) {
            sb.append('\n').append(titles.get(kind.getKey())).append('\n');
            for (ProviderEntry<?> e : kind.getValue()) {
                describe(sb, e, nameWidth, originWidth);
            }
        }
        ctx.out.print(sb);
        return 0;
    }

    private static void describe(StringBuilder sb, ProviderEntry<?> e, int nameWidth, int originWidth) {
        String row = "  %-" + nameWidth + "s  %-" + originWidth + "s  %s%n";
        sb.append(String.format(Locale.ROOT, row, e.name(), e.origin(), e.description()));
        for (Parameter p : e.parameters()) {
            sb.append(String.format(Locale.ROOT, row, "", "", "  " + p.name() + ": " + p.allowed()
                    + (p.defaultValue() == null ? ", required" : ", default " + p.defaultValue()) + " — " + p.description()));
        }
    }
}
