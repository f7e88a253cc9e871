@{
    RootModule        = 'LabHost.psm1'
    ModuleVersion     = '1.0.0'
    GUID              = '6f3e2b7a-3f55-4d8e-9a53-1c2f0c7d2b11'
    Author            = 'entra-provisioning-agent'
    Description       = 'Simulated Windows server for testing the entra-provisioning-agent action on any OS.'
    PowerShellVersion = '7.2'
    FunctionsToExport = '*'
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
