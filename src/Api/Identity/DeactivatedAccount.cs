namespace TaskManager.Api.Identity;

/// <summary>What a deactivated person's refused request (401) and ended live-update stream say.</summary>
public static class DeactivatedAccount
{
    public const string Message = "Your account has been deactivated; ask an administrator to reactivate it.";
}
