using System.Linq.Expressions;

namespace LexHeller.Core.Cases;

/// <summary>
/// What puts a case in one of the kansli's queues, written once: the inbox filters by these and the start page counts
/// by them, so that each line on the start page counts exactly what its link lists.
/// </summary>
public static class CaseQueues
{
    /// <summary>Waiting on the reporter: the open question was asked before <paramref name="askedBefore"/>.</summary>
    public static Expression<Func<Case, bool>> WaitingOnReporter(DateTimeOffset askedBefore) =>
        c => c.State == CaseState.KompletteringBegard
            && c.Questions.Where(q => q.Answer == null).Max(q => (DateTimeOffset?)q.AskedAt) < askedBefore;

    /// <summary>Out on referral with a pending referral whose due date is before <paramref name="today"/>.</summary>
    public static Expression<Func<Case, bool>> ReferralOverdue(DateOnly today) =>
        c => c.State == CaseState.RemitteradTillPart
            && c.Referrals.Any(r => r.Status == ReferralStatus.Pending && r.DueDate < today);

    /// <summary>Out on referral with a pending referral due from <paramref name="today"/> to <paramref name="last"/>.</summary>
    public static Expression<Func<Case, bool>> ReferralDueSoon(DateOnly today, DateOnly last) =>
        c => c.State == CaseState.RemitteradTillPart
            && c.Referrals.Any(r => r.Status == ReferralStatus.Pending && r.DueDate >= today && r.DueDate <= last);
}
