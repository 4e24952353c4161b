using EventsApi.Core.Storage;
using EventsApi.Importer.Pipeline;
using Microsoft.Extensions.Options;
using NodaTime;

namespace EventsApi.Infrastructure;

/// <summary>
/// Before the API serves: make sure there is a sound dataset. A missing file, or one an older
/// version built, is built from the documents (Import:OnStartup=IfMissing) so a fresh clone or a
/// pulled one serves at once; a corrupt or truncated file stops the start with a clear error rather
/// than serving nothing.
/// </summary>
public static class StartupImport
{
    public static void EnsureDataset(this WebApplication app)
    {
        var source = app.Services.GetRequiredService<DatasetSource>();
        var import = app.Services.GetRequiredService<IOptions<ImportOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EventsApi.Startup");
        var missing = !File.Exists(source.FullPath);
        // A database an older version of the importer built (after a `git pull`, say) is rebuilt from
        // the documents like a missing one; one of a newer schema, or an unreadable one, is an error.
        var outdated = !missing && DatabaseFile.SchemaVersion(source.FullPath) is { } schema && schema < Migrations.Latest;
        if (missing || (outdated && import.OnStartup == ImportOnStartup.IfMissing))
        {
            if (import.OnStartup == ImportOnStartup.Never)
                throw new InvalidOperationException($"Database:Path {source.FullPath} does not exist and Import:OnStartup is Never");
            var documents = ProjectPaths.Resolve(import.Documents, app.Environment.ContentRootPath);
            logger.LogInformation("{Reason} at {Path}: importing {Documents}", missing ? "No dataset" : "A dataset of an older schema", source.FullPath, documents);
            var report = new ImportPipeline(DataFiles.Load(), SystemClock.Instance).Run(documents, source.FullPath);
            foreach (var line in report.Lines()) logger.LogInformation("import: {Line}", line);
            if (!report.Succeeded) throw new InvalidOperationException($"the start-up import of {documents} imported nothing; see the log above");
        }
        DatabaseFile.Verify(source.FullPath);
    }
}
