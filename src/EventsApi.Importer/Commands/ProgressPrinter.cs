using System.Diagnostics;
using EventsApi.Importer.Pipeline;

namespace EventsApi.Importer.Commands;

/// <summary>
/// Shows an import's progress on standard error: a bar redrawn in place on a terminal, and plain
/// lines (each stage's start, every tenth and its end) when the output goes to a file or a pipe,
/// so logs stay readable. Synchronous, unlike Progress&lt;T&gt;, so lines never arrive after the summary.
/// </summary>
public sealed class ProgressPrinter(TextWriter output, bool interactive) : IProgress<ImportProgress>
{
    private const int BarWidth = 30;
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(100);
    private readonly Stopwatch sinceRedraw = Stopwatch.StartNew();
    private readonly Stopwatch sinceStart = Stopwatch.StartNew();
    private string? stage;
    private int lastTenth = -1;

    public static ProgressPrinter ForStandardError() => new(Console.Error, !Console.IsErrorRedirected);

    public void Report(ImportProgress value)
    {
        var finished = value.Done >= value.Total;
        if (value.Stage != stage)
        {
            if (interactive && stage is not null) output.WriteLine();
            stage = value.Stage;
            lastTenth = -1;
            sinceStart.Restart();
            if (!interactive) output.WriteLine($"{value.Stage}: {value.Total:N0} {value.Unit}");
        }
        if (interactive)
        {
            if (!finished && sinceRedraw.Elapsed < RedrawEvery) return;
            sinceRedraw.Restart();
            var filled = value.Total == 0 ? BarWidth : (int)((long)value.Done * BarWidth / value.Total);
            output.Write($"\r{value.Stage,-8} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {Percent(value),3}% {value.Done:N0}/{value.Total:N0} {value.Unit} {sinceStart.Elapsed.TotalSeconds:F1} s ");
            if (finished) { output.WriteLine(); stage = null; }
            return;
        }
        var tenth = value.Total == 0 ? 10 : (int)((long)value.Done * 10 / value.Total);
        if (tenth == lastTenth || (value.Done == 0 && !finished)) return;
        lastTenth = tenth;
        output.WriteLine(finished
            ? $"{value.Stage}: done, {value.Total:N0} {value.Unit} in {sinceStart.Elapsed.TotalSeconds:F1} s"
            : $"{value.Stage}: {value.Done:N0}/{value.Total:N0} {value.Unit} ({Percent(value)}%)");
    }

    private static int Percent(ImportProgress value) => value.Total == 0 ? 100 : (int)((long)value.Done * 100 / value.Total);
}
