# Remote state lives in an Azure Storage container whose coordinates are
# supplied at init time, so none of them is committed:
#   terraform init -backend-config=backend.hcl
# (copy backend.hcl.example to backend.hcl and fill it in).
terraform {
  backend "azurerm" {}
}
