using Glance.Storage.DynamoDb;

namespace Glance.Storage.Reminders;

/// <summary>
/// Reminders in one DynamoDB table, configured like Orleans.Reminders.DynamoDB's options of the same name. Items:
/// "id" (S, service id + "/" + grain id) hash key and "n" (S, reminder name) range key; "s" (S, service id) and
/// "h" (N, grain hash) keys of the global secondary index "service-hash" for the reminder service's ring ranges;
/// "g" (S) grain id, "t" (N) start UTC ticks, "p" (N) period ticks, "e" (N) version = ETag.
/// </summary>
public sealed class DynamoDBReminderStorageOptions() : DynamoDBTableOptions("OrleansReminders");
