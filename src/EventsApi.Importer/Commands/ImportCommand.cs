using EventsApi.Importer.Pipeline;
using NodaTime;

namespace EventsApi.Importer.Commands;

/// <summary>
/// `import &lt;documents-dir&gt; --db &lt;file&gt;`: exit 0 when a dataset was written, 1 when nothing could be imported.
/// Progress goes to standard error, the summary to standard output.
/// </summary>
public static class ImportCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error, IProgress<ImportProgress>? progress = null)
    {
        var positional = Usage.Positional(args);
        var database = Usage.Option(args, "--db");
        if (positional.Length != 1 || database is null) return Usage.Print(error);
        try
        {
            var report = new ImportPipeline(DataFiles.Load(), SystemClock.Instance).Run(positional[0], database, progress);
            foreach (var line in report.Lines()) output.WriteLine(line);
            if (report.Succeeded) return 0;
            error.WriteLine($"import: nothing could be imported; {database} is unchanged");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            error.WriteLine($"import: failed, {database} is unchanged: {e.Message}");
            return 1;
        }
    }
}
