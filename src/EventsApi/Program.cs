using EventsApi.Catalog;
using EventsApi.Core.Storage;
using EventsApi.Events;
using EventsApi.Health;
using EventsApi.Infrastructure;

if (HealthProbe.Requested(args)) return HealthProbe.Run(args[1]);
NativeMemory.LimitMallocArenas();
SqliteLibrary.StopCountingMemory();
NativeMemory.TrimFreedMemoryEvery(TimeSpan.FromSeconds(5));

var builder = WebApplication.CreateBuilder(args);
builder.AddDataset();
builder.AddJson();
builder.AddProblems();
builder.AddOpenApiDocument();
builder.AddCorsPolicy();
builder.AddRateLimiting();
builder.AddServerLimits();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseCorsPolicy();
app.UseRateLimiter();
app.EnsureDataset();
app.UseOpenApiDocument();
app.UseExplorer();

app.MapHealth();
var v1 = app.MapGroup("/v1").WithDatasetCaching().AnswerHead();
v1.MapEvents();
v1.MapCatalog();

app.Run();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
