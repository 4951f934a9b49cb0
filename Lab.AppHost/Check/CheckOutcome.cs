namespace Lab.AppHost.Check;

public enum CheckOutcome
{
    Pass,
    Fail,
    NotApplicable,
}
