using EventsApi.Core.Storage;
using EventsApi.Importer.Pipeline;
using Microsoft.Extensions.Options;
using NodaTime;

namespace EventsApi.Infrastructure;

/// <summary>
/// Before the API serves: make sure there is a sound dataset. A missing file is built from the
/// documents (Import:OnStartup=IfMissing) so a fresh clone serves at once; a corrupt or truncated
/// file stops the start with a clear error rather than serving nothing.
/// </summary>
public static class StartupImport
{
    public static void EnsureDataset(this WebApplication app)
    {
        var source = app.Services.GetRequiredService<DatasetSource>();
        var import = app.Services.GetRequiredService<IOptions<ImportOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EventsApi.Startup");
        if (!File.Exists(source.FullPath))
        {
            if (import.OnStartup == ImportOnStartup.Never)
                throw new InvalidOperationException($"Database:Path {source.FullPath} does not exist and Import:OnStartup is Never");
            var documents = ProjectPaths.Resolve(import.Documents, app.Environment.ContentRootPath);
            logger.LogInformation("No dataset at {Path}: importing {Documents}", source.FullPath, documents);
            var report = new ImportPipeline(DataFiles.Load(), SystemClock.Instance).Run(documents, source.FullPath);
            foreach (var line in report.Lines()) logger.LogInformation("import: {Line}", line);
            if (!report.Succeeded) throw new InvalidOperationException($"the start-up import of {documents} imported nothing; see the log above");
        }
        DatabaseFile.Verify(source.FullPath);
    }
}
