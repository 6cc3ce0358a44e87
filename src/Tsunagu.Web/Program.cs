using Tsunagu.Web;

var app = TsunaguApp.Build(args);
if (await TsunaguCommands.TryRunAsync(app, args)) return;
await TsunaguApp.PrepareDatabaseAsync(app);
app.Run();

public partial class Program;
