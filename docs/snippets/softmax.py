# Softmax turns a vector of scores into probabilities that sum to 1.
import torch

logits = torch.tensor([2.0, 1.0, 0.1])
p = torch.softmax(logits, dim=0)
print(p, p.sum())

# It only depends on differences: adding a constant changes nothing.
print(torch.softmax(logits + 100.0, dim=0))

# Its Jacobian is diag(p) - p p^T: every output depends on every input.
J = torch.autograd.functional.jacobian(lambda z: torch.softmax(z, dim=0), logits)
print(J)
print(torch.allclose(J, torch.diag(p) - torch.outer(p, p)))

# For training, pass raw scores to CrossEntropyLoss, which applies log-softmax itself.
loss = torch.nn.CrossEntropyLoss()(logits.unsqueeze(0), torch.tensor([0]))
print(loss, -torch.log(p[0]))
