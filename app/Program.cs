using Emotion.App;

var builder = WebApplication.CreateBuilder(args);
builder.AddEmotionApp();

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapEmotionApi();
app.Run();

/// <summary>The app's entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
