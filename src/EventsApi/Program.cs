using EventsApi.Events;
using EventsApi.Health;
using EventsApi.Infrastructure;

if (HealthProbe.Requested(args)) return HealthProbe.Run(args[1]);

var builder = WebApplication.CreateBuilder(args);
builder.AddDataset();
builder.AddJson();
builder.AddProblems();
builder.AddOpenApiDocument();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.EnsureDataset();
app.UseOpenApiDocument();

app.MapHealth();
var v1 = app.MapGroup("/v1").WithDatasetCaching();
v1.MapEvents();

app.Run();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
