namespace Glance.Storage.Persistence;

public sealed class SqliteGrainStorageOptionsValidator(SqliteGrainStorageOptions options, string providerName) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw new OrleansConfigurationException(
                $"Configuration for the SQLite grain storage '{providerName}' is invalid: {nameof(options.DatabasePath)} is empty.");
        }
    }
}
