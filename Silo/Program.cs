using Glance.Silo.Cli;

return await SiloCommandLine.RunAsync(args);
