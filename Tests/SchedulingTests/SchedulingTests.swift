// Unit tests of the Scheduling module arrive with its policies (scheduler issue).
