namespace EventsApi.Infrastructure;

/// <summary>
/// Relative paths in the configuration ("data/events.db") are relative to the project's root:
/// the nearest directory, from the content root upwards, that has the path's first folder.
/// `dotnet run --project src/EventsApi` starts in src/EventsApi, the container in /app; both find data/.
/// </summary>
public static class ProjectPaths
{
    public static string Resolve(string path, string contentRoot)
    {
        if (Path.IsPathRooted(path)) return path;
        var first = path.Split('/', '\\')[0];
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, first))) return Path.GetFullPath(path, dir.FullName);
        }
        return Path.GetFullPath(path, contentRoot);
    }
}
