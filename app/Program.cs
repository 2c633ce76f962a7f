using Emotion.App;

var builder = WebApplication.CreateBuilder(args);
builder.AddEmotionApp();

var app = builder.Build();
// A model that cannot serve is said at start, in one line, not on the first upload.
if (!app.ModelLoads())
    return 1;
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapEmotionApi();
app.Run();
return 0;

/// <summary>The app's entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
