using ScottPlot;

namespace Glance.Benchmarks.Engagement;

/// <summary>Cumulative regret per policy against the number of decisions, drawn with ScottPlot.</summary>
internal static class RegretPlot
{
    public static void Save(string path, IReadOnlyList<(string Label, double[] Decisions, double[] Regret)> series, string title)
    {
        var plot = new Plot();
        foreach (var (label, decisions, regret) in series)
        {
            var line = plot.Add.Scatter(decisions, regret);
            line.LegendText = label;
            line.MarkerSize = 0;
            line.LineWidth = 2;
        }

        plot.Title(title);
        plot.XLabel("decisions");
        plot.YLabel("cumulative regret (expected responses lost)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 1000, 560);
    }
}
