using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EventsApi.Tests;

/// <summary>
/// SIGTERM (what `docker stop` and Kubernetes send) lets the requests in flight finish: a real server
/// process, a large export being read slowly, the signal in the middle of it.
/// </summary>
public class ShutdownTests
{
    [Fact]
    public async Task SigtermCompletesTheRequestInFlightThenExitsCleanly()
    {
        using var api = new ApiFactory().WithSyntheticDataset(3000, seed: 11);
        var port = FreePort();
        var server = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "EventsApi.dll"), "--contentRoot", api.Directory])
        {
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["Database__Path"] = api.Settings["Database:Path"],
                ["Import__OnStartup"] = "Never",
                ["RateLimit__Enabled"] = "false",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilServing(client);
            var expected = await client.GetStringAsync("/v1/events?format=csv&limit=3000");

            using var response = await client.GetAsync("/v1/events?format=csv&limit=3000", HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var received = new MemoryStream();
            var buffer = new byte[4096];
            var first = await body.ReadAsync(buffer);
            received.Write(buffer, 0, first);

            Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            await Task.Delay(300);
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0) received.Write(buffer, 0, read);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(received.ToArray()));
            Assert.True(server.WaitForExit(TimeSpan.FromSeconds(30)), "the server did not exit after SIGTERM");
            Assert.Equal(0, server.ExitCode);
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilServing(HttpClient client)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60)) { }
            if (deadline.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("the server did not start");
            await Task.Delay(200);
        }
    }
}
