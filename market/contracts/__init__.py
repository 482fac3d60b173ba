"""Technology contracts (技术合同), their registration (认定登记), the ledger, the targets."""
