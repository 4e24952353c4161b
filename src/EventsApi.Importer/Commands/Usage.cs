namespace EventsApi.Importer.Commands;

internal static class Usage
{
    public const string Text = """
        usage:
          import <documents-dir> --db <file>     code the documents and replace <file> with the new dataset
          evaluate <gold.json> --db <file>       precision, recall and F1 of the dataset against a gold file
          bench-coder <documents-dir> [--seconds N]   article text coded per second on one thread
          generate --events N --db <file> [--seed S]  a synthetic dataset of N events for load tests
        """;

    public static int Print(TextWriter error)
    {
        error.WriteLine(Text);
        return 2;
    }

    /// <summary>The value after --name, or null.</summary>
    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static string[] Positional(string[] args) =>
        args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).ToArray();
}
