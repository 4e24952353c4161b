using System.Security.Cryptography;
using EventsApi.Core.Dictionaries;

namespace EventsApi.Importer.Pipeline;

/// <summary>
/// The coder's data: the gazetteer and the actor dictionary, copied from data/ next to the
/// assemblies at build time so every host (CLI, API, tests, container) finds the same files.
/// </summary>
public sealed class DataFiles
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "data");

    public static string GazetteerPath => Path.Combine(Root, "gazetteer", "places.tsv");

    public static string ActorsPath => Path.Combine(Root, "dictionaries", "actors.tsv");

    private static readonly Lazy<DataFiles> Shared = new(() => new DataFiles());

    /// <summary>Loaded once per process: both are read-only after loading.</summary>
    public static DataFiles Load() => Shared.Value;

    private DataFiles()
    {
        Gazetteer = Gazetteer.Load(GazetteerPath);
        Actors = ActorDictionary.Load(ActorsPath);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(GazetteerPath));
        hash.AppendData(File.ReadAllBytes(ActorsPath));
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(typeof(DataFiles).Assembly.ManifestModule.ModuleVersionId.ToString()));
        DataVersion = Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    public Gazetteer Gazetteer { get; }

    public ActorDictionary Actors { get; }

    /// <summary>Changes whenever the dictionaries or the coder's build change: the dataset's coder_version.</summary>
    public string DataVersion { get; }
}
