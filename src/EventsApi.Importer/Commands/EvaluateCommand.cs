namespace EventsApi.Importer.Commands;

public static class EvaluateCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        error.WriteLine("evaluate: not yet implemented");
        return 2;
    }
}
