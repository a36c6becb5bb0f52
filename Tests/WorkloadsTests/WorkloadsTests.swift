// Unit tests of the Workloads module arrive with its models (training and inference issues).
