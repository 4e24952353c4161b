using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using EventsApi.Importer.Pipeline;
using EventsApi.Importer.Pipeline.Extraction;
using EventsApi.Importer.Pipeline.Reading;
using NodaTime;

namespace EventsApi.Importer.Commands;

/// <summary>
/// `bench-coder &lt;documents-dir&gt; [--seconds N]`: codes the documents' bodies over and over on
/// one thread (extraction, normalisation and merging; no database) and prints the article text
/// coded per second. The speed target is checked here, not in a timed unit test.
/// </summary>
public static class BenchCoderCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var positional = Usage.Positional(args);
        if (positional.Length != 1) return Usage.Print(error);
        var seconds = double.Parse(Usage.Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture);
        var (documents, rejections) = DocumentReader.ReadAll(DocumentReader.FilesIn(positional[0]), SystemClock.Instance.GetCurrentInstant().InUtc().Date);
        if (documents.Count == 0)
        {
            error.WriteLine($"bench-coder: no documents in {positional[0]} ({rejections.Count} rejected)");
            return 1;
        }
        var data = DataFiles.Load();
        var coder = new DocumentCoder(new SentenceCoder(data.Gazetteer, data.Actors), data.Gazetteer, data.Actors);
        var merger = new Pipeline.Merging.EventMerger(data.Gazetteer, new Pipeline.Merging.ActorRelations(data.Actors));
        var bytesPerRound = documents.Sum(d => (long)System.Text.Encoding.UTF8.GetByteCount(d.Body));

        // Warm up until the JIT is done: the regexes' generated matchers are large, and recompiling them
        // at the optimising tier takes a few CPU-seconds on a background thread, which a fixed 3 s
        // warm-up left running into the measurement (10-15% of its CPU). Then measure whole rounds.
        var warmUp = Stopwatch.StartNew();
        var (compiled, quietSince) = (JitInfo.GetCompiledMethodCount(), TimeSpan.Zero);
        while (warmUp.Elapsed.TotalSeconds < 3 || (warmUp.Elapsed - quietSince < TimeSpan.FromSeconds(1) && warmUp.Elapsed.TotalSeconds < 60))
        {
            merger.Merge(documents.SelectMany(coder.Code).ToList());
            if (JitInfo.GetCompiledMethodCount() != compiled) (compiled, quietSince) = (JitInfo.GetCompiledMethodCount(), warmUp.Elapsed);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warm-up {warmUp.Elapsed.TotalSeconds:F1} s: {compiled} methods compiled, {JitInfo.GetCompilationTime().TotalSeconds:F1} s of JIT"));
        var rounds = 0;
        long events = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (gen0, gen2, paused, allocated) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            events += merger.Merge(documents.SelectMany(coder.Code).ToList()).Count;
            rounds++;
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var megabytes = bytesPerRound * rounds / 1e6;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"documents {documents.Count}, {bytesPerRound / 1e3:F1} kB of body text per round, {rounds} rounds, {events / rounds} events per round"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"coded {megabytes:F1} MB in {elapsed:F1} s wall, {cpuSeconds:F1} s CPU: {megabytes / elapsed:F2} MB/s on one thread ({megabytes / cpuSeconds:F2} MB per CPU-second)"));
        // Allocation is the coder's hidden cost: every collection stops the coding thread.
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"allocated {(GC.GetTotalAllocatedBytes() - allocated) / megabytes / 1e6:F0} bytes per byte of text; {GC.CollectionCount(0) - gen0} collections ({GC.CollectionCount(2) - gen2} full), paused {(GC.GetTotalPauseDuration() - paused).TotalSeconds / elapsed:P0} of the time"));
        return 0;
    }
}
