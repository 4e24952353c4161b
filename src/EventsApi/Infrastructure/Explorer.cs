namespace EventsApi.Infrastructure;

/// <summary>The event explorer: static files in wwwroot served at /, calling only the public /v1 endpoints.</summary>
public static class Explorer
{
    public static WebApplication UseExplorer(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // The page is small and changes with the code, not the dataset: revalidate each time.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }
}
