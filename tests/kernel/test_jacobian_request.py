"""The ``jacobian`` request through a real kernel child: J of the live graph, vᵀJ against
the real x.grad, finite differences from re-runs in the child, and the state untouched."""

from __future__ import annotations

import numpy as np
import torch

from playground.protocol.views import jacobian_from_wire

SCRIPT = (
    "import torch\n"
    "x = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)\n"
    "y = x * x + 2\n"
    "z = y.view(2, 2)\n"
    "print('ran')\n"
)
W = np.array([[1.0, 0.1], [1.0, 0.01]], dtype=np.float32)


def expected_j() -> np.ndarray:
    x = torch.tensor([1.0, 2.0, 3.0, 4.5])
    j = torch.autograd.functional.jacobian(lambda t: (t * t + 2).view(2, 2), x)
    return j.reshape(4, 4).double().numpy()


def ask(kernel_session, root="z", leaf="x", gradient=W, request_id=7):
    outcome = kernel_session.jacobian(root, leaf, gradient, request_id=request_id)
    assert outcome.error is None and outcome.died is None
    return jacobian_from_wire(outcome.reply)


def test_jacobian_through_the_child(kernel_session):
    assert kernel_session.run(SCRIPT).run.error is None
    view = ask(kernel_session)
    assert view.request_id == 7 and view.status == "ok"
    assert view.y_shape == (2, 2) and view.x_shape == (4,)
    np.testing.assert_array_equal(view.jacobian, expected_j())
    np.testing.assert_array_equal(view.v, W.reshape(-1).astype(np.float64))
    w64 = W.reshape(-1).astype(np.float64)
    np.testing.assert_allclose(view.vjp, w64 @ expected_j())
    assert view.grad is None and view.agree is None
    assert view.fd_status == "ok" and view.fd_columns == [0, 1, 2, 3]
    np.testing.assert_allclose(view.fd, expected_j(), atol=1e-6)


def test_backward_after_the_jacobian_gives_the_same_grad(kernel_session):
    kernel_session.run(SCRIPT)
    ask(kernel_session)
    backward = {"op": "backward", "root": "z", "gradient": W, "retain_graph": True}
    action = kernel_session.request(backward, "backward_done")
    assert action.error is None
    x = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)
    (x * x + 2).view(2, 2).backward(torch.from_numpy(W))
    np.testing.assert_array_equal(action.state.tensors["x"].grad.values, x.grad.numpy())
    assert action.state.history.count == 1  # the Jacobian recorded nothing
    view = ask(kernel_session)
    np.testing.assert_array_equal(view.grad, x.grad.double().numpy())
    assert view.agree is True
    kernel_session.request(backward, "backward_done")
    assert ask(kernel_session).multiple == 2


def test_restricted_mode_has_no_finite_differences(kernel_session):
    source = SCRIPT.replace("print('ran')\n", "")
    assert kernel_session.run(source, mode="restricted").run.error is None
    view = ask(kernel_session)
    assert view.status == "ok" and view.fd_status == "restricted" and view.fd is None
    np.testing.assert_array_equal(view.jacobian, expected_j())


def test_a_freed_graph_says_so(kernel_session):
    kernel_session.run(SCRIPT + "z.backward(torch.ones(2, 2))\n")
    view = ask(kernel_session, gradient=None)
    assert view.status == "freed" and "second time" in view.detail
