namespace EventsApi.Infrastructure;

/// <summary>
/// `dotnet EventsApi.dll --healthcheck URL`: the container's HEALTHCHECK, since the runtime image
/// has no curl. Exit 0 when the URL answers 2xx within three seconds, 1 otherwise.
/// </summary>
public static class HealthProbe
{
    public static bool Requested(string[] args) => args.Length == 2 && args[0] == "--healthcheck";

    public static int Run(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            return http.GetAsync(url).GetAwaiter().GetResult().IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
