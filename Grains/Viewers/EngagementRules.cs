namespace Glance.Grains.Viewers;

/// <summary>Whether a reported engagement fits the decision it names; pure.</summary>
public static class EngagementRules
{
    public const int MaxIdempotencyKeyLength = 128;

    public static void CheckKey(EngagementReport report)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(report.IdempotencyKey) || report.IdempotencyKey.Length > MaxIdempotencyKeyLength || report.IdempotencyKey.Any(c => c is < '!' or > '~'))
        {
            errors["idempotencyKey"] = [$"1 to {MaxIdempotencyKeyLength} printable ASCII characters without spaces (a UUID is fine)."];
        }

        if (!ResourceId.IsValid(report.DecisionId))
        {
            errors["decisionId"] = ["The decisionId a decision answered."];
        }

        if (!Enum.IsDefined(report.Type))
        {
            errors["type"] = ["One of impression, click, answer, vote, dismiss, purchase."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    /// <returns>For an answer, whether it is right; otherwise null.</returns>
    public static bool? Check(EngagementReport report, DecisionRecord decision)
    {
        var kind = decision.Kind;
        var needsChoice = report.Type is EngagementType.Answer or EngagementType.Vote;
        if (report.Type == EngagementType.Answer && kind is not (InstrumentKind.Trivia or InstrumentKind.Quiz))
        {
            throw new ValidationFailedException("type", $"An answer is for a trivia or quiz question; the decision served a {kind.ToString().ToLowerInvariant()}.");
        }

        if (report.Type == EngagementType.Vote && kind != InstrumentKind.Poll)
        {
            throw new ValidationFailedException("type", $"A vote is for a poll; the decision served a {kind.ToString().ToLowerInvariant()}.");
        }

        if (report.Type == EngagementType.Purchase && kind is not (InstrumentKind.Upsell or InstrumentKind.Crosssell))
        {
            throw new ValidationFailedException("type", $"A purchase is of an upsell or cross-sell offer; the decision served a {kind.ToString().ToLowerInvariant()}.");
        }

        if (needsChoice && (report.Choice is not { } choice || choice < 0 || choice >= decision.Options))
        {
            throw new ValidationFailedException("choice", $"The index (0 to {decision.Options - 1}) of the chosen {(kind == InstrumentKind.Poll ? "option" : "choice")}.");
        }

        if (!needsChoice && report.Choice is not null)
        {
            throw new ValidationFailedException("choice", "Only answers and votes name a choice.");
        }

        return report.Type == EngagementType.Answer ? report.Choice == decision.Answer : null;
    }
}
