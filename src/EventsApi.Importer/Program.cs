using EventsApi.Core.Storage;
using EventsApi.Importer.Commands;

// Before the first connection opens (see SqliteLibrary).
SqliteLibrary.StopCountingMemory();

return args.FirstOrDefault() switch
{
    "import" => ImportCommand.Run(args[1..], Console.Out, Console.Error, ProgressPrinter.ForStandardError()),
    "evaluate" => EvaluateCommand.Run(args[1..], Console.Out, Console.Error),
    "bench-coder" => BenchCoderCommand.Run(args[1..], Console.Out, Console.Error),
    "generate" => GenerateCommand.Run(args[1..], Console.Out, Console.Error),
    _ => Usage.Print(Console.Error),
};
