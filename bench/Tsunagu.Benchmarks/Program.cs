using BenchmarkDotNet.Running;
using Tsunagu.Benchmarks;

if (args.Length > 0 && args[0] is "directory" or "import") return await DirectoryLoad.RunAsync(args);
if (args.Length > 0 && args[0] == "report") return ReportRendering.Run(args);
if (args.Length > 0 && args[0] == "plan") return await PlanLoad.RunAsync(args);
if (args.Length > 0 && args[0] == "matching") return await MatchingLoad.RunAsync(args);
if (args.Length > 0 && args[0] == "spaces") return await SpacesLoad.RunAsync(args);
if (args.Length > 0 && args[0] == "registration") return await RegistrationLoad.RunAsync(args);
if (args.Length > 0 && args[0] == "spreadsheet") return SpreadsheetBombs.Run(args);
BenchmarkSwitcher.FromAssembly(typeof(CalendarBenchmarks).Assembly).Run(args);
return 0;
